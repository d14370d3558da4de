"""A newsroom on one workbench: accounts and roles (``accounts``), sign-off recorded in the PO
file (``signoff``) and the append-only audit trail (``audit``)."""
