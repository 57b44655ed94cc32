import a
import a.b.c as d, e
from . import x
from .. import y as z
from .m import (a, b as c,)
from m import *
from ...pkg.mod import f
