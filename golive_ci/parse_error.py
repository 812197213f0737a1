"""The error for source that could not be parsed, below both the source file and the parsers."""


class ParseError(Exception):
    """Source that could not be parsed; rules turn it into a notice, never a crash."""
