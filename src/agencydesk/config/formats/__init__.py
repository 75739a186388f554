"""Regional date, time and number formats (``FORMAT_MODULE_PATH``), one package per region."""
