"""Live class: ``quizgen live RECIPE`` serves a quiz to students' phones over the classroom network.

Plain engine code (no Sphinx): questions come from :func:`quizgen.quiz.build_quiz`, like the site's;
answers are kept in SQLite (WAL) next to the teacher; the server is Starlette on uvicorn.

- :mod:`.questions` what a phone may see of a question, and how an answer is checked;
- :mod:`.session` the state machine (lobby → question → revealed → … → ended);
- :mod:`.store` SQLite storage: sessions, students, answers;
- :mod:`.security` token, pseudonyms, message parsing, rate limit;
- :mod:`.results` CSV and XLSX exports; :mod:`.strings` interface strings (French by default);
- :mod:`.app` the web application; :mod:`.server` start-up, addresses, the command line's work.
"""
