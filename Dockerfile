# Multi-stage build of gijigraph: a static binary with the seed minutes and
# the concept list embedded. The build steps are the same as .ci/run's.
# The PDF reader runs poppler's pdftotext: both stages install
# poppler-utils.
FROM golang:1.26-bookworm AS build
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils && rm -rf /var/lib/apt/lists/*
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-buildvcs=false
# rdflib and networkx: the export round-trip tests read the exports with them.
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-rdflib python3-networkx && rm -rf /var/lib/apt/lists/*
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go vet ./... && go test ./... && go build -trimpath -ldflags='-s -w' -o /out/gijigraph ./cmd/gijigraph
# Build the seeds into the image's default database.
RUN mkdir -p /out/data && /out/gijigraph build --db /out/data/gijigraph.db seeds/

FROM debian:12-slim
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 65532 --user-group --no-create-home nonroot
USER nonroot
COPY --from=build /out/gijigraph /usr/local/bin/gijigraph
COPY --from=build --chown=nonroot:nonroot /out/data /data
COPY --from=build /src/seeds /seeds
WORKDIR /data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/gijigraph"]
CMD ["serve", "--db", "/data/gijigraph.db", "--addr", "0.0.0.0:8080"]
