"""Staff pages of the enforcement module (Chinese, phone-usable, no inline script or style).

- `cases`: case list with filters, registering a case, the case page, the flow charts
- `steps`: one page per step of a case (forms calling one service each) and of a legal review
- `queues`: review queue, decision queue, to-do, overdue
- `documents`: generating and downloading the standard documents
"""
