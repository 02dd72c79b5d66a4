# medlint in a container, for GitLab CI, Jenkins and other runners:
#
#   docker build -t medlint .
#   docker run --rm -v "$PWD:/work" medlint check content/
#
# GitLab CI:
#   medlint:
#     image: {registry}/medlint:0.2.0
#     script: [medlint check --format gitlab:gl-code-quality.json --format text content/]
#     artifacts: {when: always, reports: {codequality: gl-code-quality.json}}
FROM python:3.11-slim

# git: --changed-since reads the repository's history.
RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/medlint
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
COPY rules ./rules
RUN python -m pip install --no-cache-dir --disable-pip-version-check . \
    && medlint --version \
    && useradd --create-home medlint

# The content repository is mounted here; git must trust it when it is
# owned by another user than the container's.
WORKDIR /work
RUN git config --system --add safe.directory '*'
USER medlint
ENTRYPOINT ["medlint"]
CMD ["check", "."]
