from postimages.cli import main

main()
