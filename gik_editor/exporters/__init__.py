"""Writers that turn a report into Excel, PDF, Word and a web page; each walks the format description."""
