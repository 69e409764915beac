# One image for the web processes and the workers (see compose.yaml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 NABZ_DATA_DIR=/var/lib/nabz
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
COPY tools ./tools
# The vendored htmx is copied by `make` from npm; build the image from a tree where it exists.
RUN pip install --no-cache-dir '.[postgres,redis]' \
 && useradd --system --home /var/lib/nabz nabz && mkdir -p /var/lib/nabz && chown nabz /var/lib/nabz
USER nabz
EXPOSE 8000
CMD ["nabz", "serve", "0.0.0.0:8000"]
