print("payout-gateway")
