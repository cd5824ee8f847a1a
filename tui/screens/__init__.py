"""The app's screens: main, help, figure table, copy menu; and the command-palette provider."""
