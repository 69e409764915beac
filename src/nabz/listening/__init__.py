"""Listening (D4): what people say on each network about our organisation and our topics.

``query`` parses and matches the query language; ``runs`` reads each network's search on
a schedule and stores what matches; ``marks`` puts every result through the Trust Gate;
``alerts`` finds spikes and spreading myths; ``views`` shows the stream.
"""
