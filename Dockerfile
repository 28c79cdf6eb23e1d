# kzcn dashboard: the shipped data baked in, served by Streamlit on port 8501 as a non-root user (kzcn, uid 10001).
#   docker build -t kzcn .
#   docker run --rm -p 8501:8501 kzcn
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first: this layer is reused until requirements.txt changes.
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt \
    && useradd --create-home --uid 10001 --shell /usr/sbin/nologin kzcn

# The app runs from these files (dashboard.py puts src/ on sys.path; kzcn is not installed). Owned by root and
# read-only for the app user: the data is read-only parquet, refreshed by rebuilding the image.
COPY .streamlit/ .streamlit/
COPY dashboard.py ./
COPY app_pages/ app_pages/
COPY src/ src/
COPY static/ static/
COPY data/*.parquet data/

USER 10001

EXPOSE 8501

# slim has no curl: python's urllib asks Streamlit's own health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

CMD ["python", "-m", "streamlit", "run", "dashboard.py", \
     "--server.headless", "true", \
     "--server.fileWatcherType", "none", \
     "--browser.gatherUsageStats", "false", \
     "--server.address", "0.0.0.0", \
     "--server.port", "8501"]
