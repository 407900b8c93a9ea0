"""The baseline: a bare Flask app answering a fixed 2 KB HTML page, served like the shop."""

from flask import Flask

PAGE = ("<!doctype html><html><head><title>bare</title></head><body>" + "x" * 2000)[:2048]

app = Flask(__name__)


@app.get("/")
def index():
    return PAGE
