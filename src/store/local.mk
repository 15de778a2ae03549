# store module: files are added as they land
