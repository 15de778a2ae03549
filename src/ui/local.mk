# ui module: files are added as they land
