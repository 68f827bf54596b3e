"""Figures and reports. Figure functions take experiment Datasets and return matplotlib figures."""
