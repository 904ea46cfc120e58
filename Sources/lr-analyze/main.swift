print("lr-analyze: not yet built")
