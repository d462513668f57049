"""The demo corpus: synthetic Italian social-care conversations with their ground truth."""
