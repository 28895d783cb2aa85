"""The keying screen (Entri Kuesioner): grid model, live results panel, undo commands."""
