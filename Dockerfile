# newman-keyvault: the container image behind the GitHub Action (action.yml), Azure Pipelines
# container jobs and `docker run`. See README.md, "Docker".
#
# Base images are official Docker Hub images, pinned by exact version tag (for readers) AND by the
# sha256 digest of the multi-platform image index (for the bytes: linux/amd64 and linux/arm64 both
# resolve from it; a digest wins over the tag). Refresh tag and digest together.
# .ci/image-check builds this file as it is on stand-ins for these bases and runs the result.
#
# Two bases: the Temurin 25 JDK builds the jar and links a Java runtime of only the modules the
# tool loads; Debian bookworm slim with Node.js 24 LTS (the node image) runs Newman and that runtime.

# --- build: the shaded jar, with the Maven wrapper, on the build machine's own platform -----------
FROM --platform=$BUILDPLATFORM eclipse-temurin:25.0.3_9-jdk-noble@sha256:735baf2edc6cd6485240144a84fa4db142b9a6f47b4eb4080f31058d200f9813 AS build
WORKDIR /build
# The wrapper and pom.xml alone first: a build with no sources yet downloads Maven, every plugin
# and every dependency into this layer, which a source change reuses. '!install-newman' and
# '!install-postman-cli': the profiles that run `npm ci` for the tests (there is no npm here, and
# Newman has its own stage); '!errorprone': the compile checks, which CI runs.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp -P '!install-newman,!install-postman-cli,!errorprone' -DskipTests -Dnkv.cds.skip=true package && rm -rf target
COPY src/main/ src/main/
RUN ./mvnw -B -ntp --offline -P '!install-newman,!install-postman-cli,!errorprone' -DskipTests -Dnkv.cds.skip=true package

# --- java: the Java runtime, linked on the target platform (jlink cannot link for another one) ---
FROM eclipse-temurin:25.0.3_9-jdk-noble@sha256:735baf2edc6cd6485240144a84fa4db142b9a6f47b4eb4080f31058d200f9813 AS java
# The modules jdeps finds in the jar (java.base, java.management, java.net.http, java.sql,
# jdk.httpserver), plus jdk.crypto.ec and jdk.unsupported, which TLS and libraries reach by
# reflection. java.desktop, which jdeps also lists, is left out: only code paths the tool never
# takes use it (MSAL's browser sign-in, JNA's window handles, Jackson's java.beans annotations,
# which it looks up and does without). .ci/image-check reruns on it the end-to-end tests that
# depend on the Java runtime.
COPY --from=build /build/target/newman-keyvault.jar /tmp/newman-keyvault.jar
RUN jlink --add-modules java.base,java.management,java.net.http,java.sql,jdk.httpserver,jdk.crypto.ec,jdk.unsupported \
      --strip-debug --no-header-files --no-man-pages --output /opt/runtime \
    && /opt/runtime/bin/java -jar /tmp/newman-keyvault.jar --version

# --- newman: the pinned Newman and htmlextra, exactly as package-lock.json says ---------------------
FROM node:24.21.0-bookworm-slim@sha256:2fe369e969550cde8e867afc3fe370b260140cab4a23d467074295b42163d553 AS newman
WORKDIR /opt/newman-keyvault/newman
COPY package.json package-lock.json ./
COPY docker/prune-node-modules.sh /usr/local/bin/
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error && npm cache clean --force \
    && sh /usr/local/bin/prune-node-modules.sh node_modules

# --- runtime -------------------------------------------------------------------------------------
FROM node:24.21.0-bookworm-slim@sha256:2fe369e969550cde8e867afc3fe370b260140cab4a23d467074295b42163d553

ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="newman-keyvault" \
      org.opencontainers.image.description="Runs Postman collections with Newman in CI, with secrets read from Azure Key Vault at run time." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/your-org/newman-keyvault" \
      org.opencontainers.image.documentation="https://github.com/your-org/newman-keyvault#docker" \
      org.opencontainers.image.base.name="docker.io/library/node:24.21.0-bookworm-slim"

# java also on /usr/local/bin, a PATH directory every caller keeps (Azure Pipelines builds its own
# PATH for steps); LANG so that Java prints UTF-8; the tool finds the pinned Newman through
# NKV_NEWMAN; NKV_CDS=off: no class-data-sharing archive is made on first use, as a container
# starts the tool once (see docs/docker.md). The layers that change least come first.
ENV JAVA_HOME=/opt/java/openjdk \
    PATH="/opt/java/openjdk/bin:${PATH}" \
    LANG=C.UTF-8 \
    NKV_NEWMAN=/opt/newman-keyvault/newman/node_modules/.bin/newman \
    NKV_CDS=off
COPY --from=java /opt/runtime /opt/java/openjdk
COPY --from=newman /opt/newman-keyvault/newman /opt/newman-keyvault/newman
COPY test-fixtures/demo/ /opt/newman-keyvault/demo/
COPY docker/newman-keyvault /usr/local/bin/newman-keyvault
COPY docker/postman /usr/local/bin/postman
COPY test-tools/postman-cli/package.json test-tools/postman-cli/package-lock.json /opt/newman-keyvault/postman-cli/
COPY docker/entrypoint.sh /opt/newman-keyvault/entrypoint.sh
COPY --from=build /build/target/newman-keyvault.jar /opt/newman-keyvault/newman-keyvault.jar

# No class-data-sharing archive: it would save about 0.15 s per start and add 35 MB (9 MB
# compressed), which a fresh CI runner pulls and unpacks in about as long, for the one start a job
# makes (README, "Docker"). The commands check the image as it is built.
RUN chmod 0755 /usr/local/bin/newman-keyvault /usr/local/bin/postman /opt/newman-keyvault/entrypoint.sh \
    && ln -s /opt/java/openjdk/bin/java /usr/local/bin/java \
    && newman-keyvault --version \
    && "$NKV_NEWMAN" --version

# No USER: GitHub runs container actions as root (the workspace is mounted for root), and Azure
# Pipelines container jobs need root to add their own user. No ENTRYPOINT: Azure Pipelines starts
# the container with its own long-running command and `docker exec`s each step, which an
# ENTRYPOINT would break; the node base image's ENTRYPOINT is reset here. The GitHub Action names
# its entrypoint in action.yml (runs.entrypoint); `docker run IMAGE newman-keyvault run ...` works
# as it is.
ENTRYPOINT []
CMD ["newman-keyvault", "--help"]
