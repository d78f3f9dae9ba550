#!/usr/bin/env python
from behovsraknare.__main__ import main

if __name__ == "__main__":
    main()
