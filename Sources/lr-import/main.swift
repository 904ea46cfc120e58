import ImportCommands

LRImport.main()
