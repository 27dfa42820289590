# Sourced by the other scripts: make sure uv is there for this checkout's Python.
# `.python-version` asks for 3.12; uv must not download a Python of its own.
export UV_PYTHON_DOWNLOADS=never
if ! python -m uv --version >/dev/null 2>&1; then
  echo "Cài uv cho $(python --version 2>&1)…"
  python -m pip install --quiet --disable-pip-version-check uv
  command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
fi
uv() { python -m uv "$@"; }
