# tests that span modules

# the TAP, seed and tmux helpers every shell test sources
EXTRA_DIST += tests/lib.sh
