"""One module per resource; each exposes ``router`` (an APIRouter without the /v1 prefix)."""
