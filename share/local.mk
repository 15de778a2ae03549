# data installed under $(pkgdatadir)
