# HelixLab in a container: the `helixlab` command line on Node 20, nothing else.
#
#   docker build -t helixlab:0.1.0 .
#   docker run --rm helixlab:0.1.0 info data/tiny.json
#   docker run --rm -v "$PWD/out:/work/out" helixlab:0.1.0 analyze data/security-pirkanmaa.json --out out/report.html
#
# The image installs the package as `npm pack` makes it (the same files a user of the npm package
# gets), runs as the unprivileged user `node`, and has the bundled samples and scenarios in its
# working directory /work (data/, scenarios/), so the README's commands run as written.
# docs/batch.md uses it for Kubernetes Indexed Jobs and SLURM job arrays (through Apptainer).

# ---- build: compile TypeScript and pack the package -------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json README.md LICENSE ./
COPY src ./src
COPY data ./data
COPY scenarios ./scenarios
COPY schemas ./schemas
RUN npx tsc -p tsconfig.json \
 && npm pack --ignore-scripts --pack-destination /tmp \
 && mv /tmp/helixlab-*.tgz /tmp/helixlab.tgz

# ---- run: the packed package, installed globally -----------------------------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production
COPY --from=build /tmp/helixlab.tgz /tmp/helixlab.tgz
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/helixlab.tgz \
 && rm /tmp/helixlab.tgz \
 && npm cache clean --force \
 && mkdir /work && chown node:node /work
USER node
WORKDIR /work
RUN helixlab samples copy --to /work
ENTRYPOINT ["helixlab"]
CMD ["--help"]
