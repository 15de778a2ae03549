# tests that span modules
