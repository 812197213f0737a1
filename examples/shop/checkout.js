// Node side of the shop: unpinned client, key logged on start-up.
const Stripe = require("stripe");

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
console.log("stripe key", process.env.STRIPE_SECRET_KEY);

async function refund(chargeId) {
  return stripe.refunds.create({ charge: chargeId });
}

module.exports = { refund };
