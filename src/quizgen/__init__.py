"""quizgen: a teaching edition of the Tianjin Declaration, and quizzes built from its tagged clauses.

The quiz engine (everything outside :mod:`quizgen.sphinxext`) is plain Python and imports nothing
from Sphinx; the Sphinx extension depends on it, never the reverse.
"""

from quizgen.corpus import Clause, Corpus, Section, Span
from quizgen.problems import Problem, QuizgenError

__version__ = "0.1.0"

__all__ = ["Clause", "Corpus", "Problem", "QuizgenError", "Section", "Span", "__version__"]
