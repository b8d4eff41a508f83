// A static file the portal tests serve (test resources only).
