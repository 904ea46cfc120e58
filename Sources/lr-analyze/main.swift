import AnalysisCommands

AnalyzeCommand.main()
