"""The application around the tabs: start-up, the main window with its menus and toolbar, the
file and export actions, the dialogs and the settings."""
