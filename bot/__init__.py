"""survey-bot: answers questions about survey findings with the figure and its context."""

__version__ = "0.1.0"
