"""The six tabs, one per part of the method, in the order a consultant works."""
