"""The `mediadesk` command line: one module per noun, registered in main.py."""
