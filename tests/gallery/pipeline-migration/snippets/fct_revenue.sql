{{ config(materialized='incremental', unique_key='invoice_line_id') }}

with invoices as (
    select * from {{ ref('stg_stripe__invoices') }}
    {% if is_incremental() %}
    where updated_at > (select max(updated_at) from {{ this }})
    {% endif %}
),

lines as (
    select * from {{ ref('stg_stripe__invoice_lines') }}
),

fx as (
    select currency, rate_to_usd, valid_from, valid_to
    from {{ ref('stg_finance__fx_rates') }}
),

joined as (
    select
        l.invoice_line_id,
        i.invoice_id,
        i.customer_id,
        i.paid_at,
        i.updated_at,
        l.product_id,
        l.quantity,
        l.amount_cents / 100.0 as amount_local,
        i.currency,
        coalesce(fx.rate_to_usd, 1.0) as fx_rate,
        (l.amount_cents / 100.0)
            * coalesce(fx.rate_to_usd, 1.0) as amount_usd
    from lines l
    join invoices i using (invoice_id)
    left join fx
        on fx.currency = i.currency
       and i.paid_at >= fx.valid_from
       and i.paid_at < fx.valid_to
    where i.status = 'paid'
)

select *,
    date_trunc('month', paid_at) as revenue_month
from joined
where amount_usd <> 0
