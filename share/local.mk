# Data installed under $(pkgdatadir): the sample collection loaded into a
# new database, the name authority, the default key bindings.
dist_pkgdata_DATA += \
	share/sample.jsonl \
	share/people.txt \
	share/README.sample
