"""Reads an iCalendar file with python3-icalendar, a reader independent of the writer
(libical), and prints its events as JSON: the tests compare them with the schedule.

usage: /usr/bin/python3 ics_events.py FILE   (- for stdin)
Exits 1, saying why, when the text is not a calendar the reader accepts.
"""
import json
import sys

import icalendar


def main():
    path = sys.argv[1]
    data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    calendar = icalendar.Calendar.from_ical(data)
    if calendar.name != "VCALENDAR":
        sys.exit("not a VCALENDAR: " + calendar.name)
    # The reader keeps what it could not parse here instead of raising.
    broken = [c.errors for c in calendar.walk() if getattr(c, "errors", None)]
    if broken:
        sys.exit("the reader found errors: " + repr(broken))
    events = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        events.append({
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "description": str(event.get("DESCRIPTION", "")),
            # a date (all day), never a date and time
            "all_day": not hasattr(start, "hour") and not hasattr(end, "hour"),
            "start": start.isoformat(),
            "end": end.isoformat(),
            "stamp": event.decoded("DTSTAMP").isoformat(),
        })
    json.dump({"version": str(calendar["VERSION"]), "events": events}, sys.stdout, ensure_ascii=False)


main()
