# vietdoc in a container, on Debian 12 (bookworm), for Kubernetes, Slurm (via Apptainer/Singularity)
# and any other scheduler that runs images; see docs/BATCH.md.
#   docker build -t vietdoc:0.1.0 .
#   docker run --rm -v "$PWD/archive:/archive:ro" -v "$PWD/out:/out" vietdoc:0.1.0 convert /archive -o /out
# Not built in this repository's CI (it has no container engine): kept to the commands that
# scripts/install-deps and scripts/install run on a Debian 12 machine.

# Build stage: the Swift toolchain on bookworm, the -dev packages, a release build with the
# Swift runtime linked in, installed under /opt/vietdoc by scripts/install.
ARG SWIFT_VERSION=6.3
FROM swift:${SWIFT_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
RUN bash scripts/install-deps && bash scripts/install /opt/vietdoc

# Run stage: the shared libraries vietdoc links and tesseract's language data, nothing else.
FROM debian:bookworm-slim
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libtesseract5 liblept5 libpoppler-glib8 libcairo2 libsqlite3-0 \
        tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/vietdoc /opt/vietdoc
ENV PATH=/opt/vietdoc/bin:$PATH
# The model is found beside the program (/opt/vietdoc/share/vietdoc); completions are there too.
WORKDIR /data
ENTRYPOINT ["vietdoc"]
CMD ["--help"]
