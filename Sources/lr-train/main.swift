import TrainingCommands

LRTrain.main()
