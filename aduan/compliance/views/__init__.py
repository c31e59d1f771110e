"""Back-office pages of the compliance register (under /staf/): the register of
non-compliance, the sanctions register, the sanction form and the exports."""
