"""Where golive-ci reads code from: git and the working tree."""
