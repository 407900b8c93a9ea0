"""Documents a tax office, an accountant or a buyer files: receipts and abbreviated tax invoices
first (issue 10), each rendered once from a snapshot, numbered per cooperative without gaps and
stored, never edited."""
