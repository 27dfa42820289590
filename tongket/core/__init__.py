"""Pure, shared kernels below every app: periods and windows, expressions. No Django."""
