"""Moving respondents in and out: CSV, XLSX and the .skm package."""
