"""Who is asking: the contact behind an address and the outlet behind a domain or a signature.

Pure parts: ``outlets`` (the registry), ``freemail`` (domains that imply no outlet),
``signature`` (name, role, outlet and phone from a signature block) and ``recognise``
(``outlet_for``). ``service.link_contact`` is the one step that touches the database.
"""
