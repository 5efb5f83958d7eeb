deprecated_at_5 = "python3.8"
deprecated_at_6 = "python3.13"
current_at_5    = "python3.13"
current_at_6    = "python3.8"
