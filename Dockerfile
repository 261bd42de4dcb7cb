# newman-keyvault: the container image behind the GitHub Action (action.yml), Azure Pipelines
# container jobs and `docker run`. See README.md, "Docker".
#
# Base images are official Docker Hub images, pinned by exact version tag (for readers) AND by
# sha256 digest (for the bytes; a digest wins over the tag). Refresh tag and digest together.
#
# Runtime: Debian bookworm slim with Node.js 20 (the node image), plus the Temurin 21 JRE copied
# from the official eclipse-temurin JRE image (the "different base image" recipe in its docs).
# A jlink'ed runtime would be smaller, but a module missing from it would only show at run time,
# and this image cannot be run where it is developed; the full JRE is the safe choice.

# --- build: the shaded jar, with the Maven wrapper ------------------------------------------------
FROM eclipse-temurin:21.0.9_10-jdk@sha256:ec2005c536f3661c6ef1253292c9c623e582186749a3ef2ed90903d1aaf74640 AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/main/ src/main/
# '!install-newman': the profile that runs `npm ci` for the tests; there is no npm here, and
# Newman is installed by its own stage below.
RUN ./mvnw -B -ntp -DskipTests -P '!install-newman' -Dnkv.cds.skip=true package

# --- jre: the Java runtime, copied into the runtime stage -------------------------------------------
FROM eclipse-temurin:21.0.9_10-jre@sha256:b0f6befb3f2af49704998c4425cb6313c1da505648a8e78cee731531996f735d AS jre

# --- newman: the pinned Newman and htmlextra, exactly as package-lock.json says ---------------------
FROM node:20.19.5-bookworm-slim@sha256:9e70124bd00f47dd023e349cd587132ae61892acc0e47ed641416c3e18f401c3 AS newman
WORKDIR /opt/newman-keyvault/newman
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error && npm cache clean --force

# --- runtime -------------------------------------------------------------------------------------
FROM node:20.19.5-bookworm-slim@sha256:9e70124bd00f47dd023e349cd587132ae61892acc0e47ed641416c3e18f401c3

ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="newman-keyvault" \
      org.opencontainers.image.description="Runs Postman collections with Newman in CI, with secrets read from Azure Key Vault at run time." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/your-org/newman-keyvault" \
      org.opencontainers.image.documentation="https://github.com/your-org/newman-keyvault#docker" \
      org.opencontainers.image.base.name="docker.io/library/node:20.19.5-bookworm-slim"

ENV JAVA_HOME=/opt/java/openjdk
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
COPY --from=newman /opt/newman-keyvault/newman /opt/newman-keyvault/newman
COPY --from=build /build/target/newman-keyvault.jar /opt/newman-keyvault/newman-keyvault.jar
COPY docker/newman-keyvault /usr/local/bin/newman-keyvault
COPY docker/entrypoint.sh /opt/newman-keyvault/entrypoint.sh
COPY docker/make-cds-archive.sh /opt/newman-keyvault/make-cds-archive.sh
COPY test-fixtures/demo/ /opt/newman-keyvault/demo/

# java also on /usr/local/bin, a PATH directory every caller keeps (Azure Pipelines builds its own
# PATH for steps); LANG so that Java prints UTF-8; the tool finds the pinned Newman through
# NKV_NEWMAN. The next commands check the image as it is built; the last one makes the
# class-data-sharing archive the launcher uses, with this image's own JVM (two training runs on the
# demo: see docker/make-cds-archive.sh).
ENV PATH="/opt/java/openjdk/bin:${PATH}" \
    LANG=C.UTF-8 \
    NKV_NEWMAN=/opt/newman-keyvault/newman/node_modules/.bin/newman
RUN chmod 0755 /usr/local/bin/newman-keyvault /opt/newman-keyvault/entrypoint.sh \
    && ln -s /opt/java/openjdk/bin/java /usr/local/bin/java \
    && newman-keyvault --version \
    && "$NKV_NEWMAN" --version \
    && sh /opt/newman-keyvault/make-cds-archive.sh java /opt/newman-keyvault/newman-keyvault.jar \
         /opt/newman-keyvault/demo /opt/newman-keyvault/newman-keyvault.jsa

# No USER: GitHub runs container actions as root (the workspace is mounted for root), and Azure
# Pipelines container jobs need root to add their own user. No ENTRYPOINT: Azure Pipelines starts
# the container with its own long-running command and `docker exec`s each step, which an
# ENTRYPOINT would break; the node base image's ENTRYPOINT is reset here. The GitHub Action names
# its entrypoint in action.yml (runs.entrypoint); `docker run IMAGE newman-keyvault run ...` works
# as it is.
ENTRYPOINT []
CMD ["newman-keyvault", "--help"]
