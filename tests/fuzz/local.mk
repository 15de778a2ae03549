# fuzz harnesses (built with --enable-fuzzing)
