"""tongket: carry out a programme across a multi-level organisation."""
