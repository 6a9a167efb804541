from mediadesk.cli.main import main

main()
