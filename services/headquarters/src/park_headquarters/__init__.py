"""Administration (行政总部): parks and parcels, policies, approvals, planning, supervision, coordination."""
